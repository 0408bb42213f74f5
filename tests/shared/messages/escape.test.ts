import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../../src/shared/messages/escape';

describe('escapeMarkup', () => {
  it('leaves no markup character of a text as markup, in content or a quoted attribute', () => {
    expect(escapeMarkup('<b a="1">Ф & Co</b>')).toBe('&lt;b a=&quot;1&quot;&gt;Ф &amp; Co&lt;/b&gt;');
    expect(escapeMarkup('&amp;')).toBe('&amp;amp;');
    expect(escapeMarkup('Київ 1325')).toBe('Київ 1325');
  });
});
