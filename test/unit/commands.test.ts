import { parseCommand } from '../../src/commands';

describe('what people type, as commands', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['Help!', { kind: 'help' }],
    ['hi', { kind: 'help' }],
    ['Good morning', { kind: 'help' }],
    ['', { kind: 'empty' }],
    ['my requests', { kind: 'my-requests' }],
    ['My requests please', { kind: 'my-requests' }],
    ['pending', { kind: 'pending' }],
    ['request', { kind: 'request', what: '' }],
    ['request logo', { kind: 'request', what: 'logo' }],
    ['check', { kind: 'check', draft: '' }],
    ['ask can I post a photo of my class?', { kind: 'ask', question: 'can I post a photo of my class?' }],
    ['can I accept a friend request from a student?', { kind: 'ask', question: 'can I accept a friend request from a student?' }],
    ['request from a parent to follow me, ok?', { kind: 'ask', question: 'request from a parent to follow me, ok?' }],
    ['helpful tips for posting?', { kind: 'ask', question: 'helpful tips for posting?' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps a draft’s own line breaks after "check"', () => {
    expect(parseCommand('check: Great game!\n\nSee you Monday.')).toEqual({ kind: 'check', draft: 'Great game!\n\nSee you Monday.' });
    expect(parseCommand('Check this post\nBake sale Friday')).toEqual({ kind: 'check', draft: 'Bake sale Friday' });
  });
});
