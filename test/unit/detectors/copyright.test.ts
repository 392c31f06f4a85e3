import { copyright as d } from '../../../src/policy/detectors/copyright';
import { expectWellFormed, fires, spans } from './helpers';

describe('copyright (4.6(d))', () => {
  it.each([
    ['Free download of the full movie here: http://freemovies4u.net/watch', ['Free download of the full movie']],
    ['Grabbed the torrent last night, link in comments.', ['torrent']],
    ['magnet:?xt=urn:btih:abc123', ['magnet:?xt=']],
    ['Anyone have a cracked copy of Photoshop?', ['cracked copy']],
    ['Found a PDF of the entire chemistry textbook, no need to buy it.', ['PDF of the entire chemistry textbook']],
    ['Get the pirated textbook PDFs from my drive.', ['pirated textbook']],
    ['Keygen for Office in the link.', ['Keygen']],
    ['I scanned the whole Nelson Science 10 textbook, message me for the PDF.', ['scanned the whole']],
    ['Anyone have the Kumon workbooks as PDFs?', ['workbooks as PDFs']],
    ['Grab the whole Harry Potter audiobook series free on this site.', ['whole Harry Potter audiobook series free']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
    expectWellFormed(d, text);
  });

  it.each([
    'Cite your sources!',
    'Check out the district news at https://ocdsb.ca/news',
    'Great video on volcanoes: https://www.youtube.com/watch?v=abc123XYZ',
    'Free download: the 2024-2025 school year calendar.',
    'Free download of the Remind app for parents.',
    'Today we talked about why piracy and torrents hurt artists.',
    'Every student gets a free copy of the novel thanks to our sponsor!',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('is not-allowed under 4.6(d)', () => {
    expect(fires(d, 'torrent')[0]).toMatchObject({ severity: 'not-allowed', clause: '4.6(d)' });
  });
});
