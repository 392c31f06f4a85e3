import { chooseLanguage, localeLanguage, textLanguage } from '../../../src/i18n/language';

describe('the language an answer is given in', () => {
  it('follows the text when the text is clearly French or English, whatever the locale', () => {
    expect(chooseLanguage('Un élève m’a envoyé une demande d’amitié sur Instagram, est-ce que je peux accepter?')).toBe('fr');
    expect(chooseLanguage('Un élève m’a envoyé une demande d’amitié sur Instagram, est-ce que je peux accepter?', 'en-US')).toBe('fr');
    expect(chooseLanguage('can I accept a friend request from a student?', 'fr-CA')).toBe('en');
    expect(chooseLanguage('a kid in my class wants to follow me on insta, ok?', 'fr-CA')).toBe('en');
  });

  it('reads short and code-switched French as French', () => {
    expect(textLanguage('je peux follow un élève sur insta?')).toBe('fr');
    expect(textLanguage('Est-ce que je peux utiliser le logo de l’école sur notre compte TikTok?')).toBe('fr');
  });

  it('falls back to the Teams locale when the text does not settle it', () => {
    expect(textLanguage('ok')).toBeNull();
    expect(chooseLanguage('ok', 'fr-CA')).toBe('fr');
    expect(chooseLanguage('TikTok?', 'fr-FR')).toBe('fr');
    expect(chooseLanguage('ok', 'en-CA')).toBe('en');
  });

  it('falls back to English with no locale, or one in another language', () => {
    expect(chooseLanguage('ok')).toBe('en');
    expect(chooseLanguage('ok', 'es-MX')).toBe('en');
    expect(chooseLanguage('', undefined)).toBe('en');
  });

  it('reads locales in any case and separator', () => {
    expect(localeLanguage('FR_ca')).toBe('fr');
    expect(localeLanguage('en')).toBe('en');
    expect(localeLanguage('')).toBeNull();
    expect(localeLanguage(null)).toBeNull();
  });
});
