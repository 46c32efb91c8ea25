import { describe, expect, it } from 'vitest';
import { boxStateOf, worseSeverity } from './box-state';

describe('box state on the live map', () => {
  it('puts an ongoing alarm before the box reporting or not', () => {
    expect(boxStateOf('critical', true)).toBe('critical');
    expect(boxStateOf('warning', false)).toBe('alarm');
    expect(boxStateOf(undefined, true)).toBe('ok');
    expect(boxStateOf(undefined, false)).toBe('offline');
    expect(boxStateOf(undefined, null)).toBe('offline');
  });
  it('keeps the worse of two severities', () => {
    expect(worseSeverity(undefined, 'minor')).toBe('minor');
    expect(worseSeverity('critical', 'minor')).toBe('critical');
    expect(worseSeverity('warning', 'major')).toBe('major');
  });
});
