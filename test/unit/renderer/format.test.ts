import { describe, expect, it } from 'vitest';
import { formatPersonName, plural } from '../../../src/renderer/studies/format';

describe('study list formatting', () => {
  it.each([
    ['CompressedSamples^CT1', 'CompressedSamples, CT1'],
    ['Doe^John^Q^Dr^Jr', 'Doe, Dr John Q Jr'],
    ['Doe', 'Doe'],
    ['^Anne', 'Anne'],
    ['Yamada^Tarou=山田^太郎', 'Yamada, Tarou'],
    ['', ''],
  ])('shows the DICOM person name %j as %j', (raw, shown) => {
    expect(formatPersonName(raw)).toBe(shown);
  });

  it('counts in words', () => {
    expect(plural(1, 'image')).toBe('1 image');
    expect(plural(275, 'image')).toBe('275 images');
    expect(plural(0, 'image')).toBe('0 images');
  });
});
