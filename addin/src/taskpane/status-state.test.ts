import { describe, expect, it } from 'vitest';
import { holdsRenderedWords } from './status-state.ts';

describe('a status line across a change of language', () => {
  it('clears sentences rendered in the old language: done, refused, empty, with or without a retry', () => {
    expect(holdsRenderedWords({ intent: 'error', message: 'Refused', retry: () => undefined })).toBe(true);
    expect(holdsRenderedWords({ kind: 'done', message: 'Wrote 3 rows' })).toBe(true);
    expect(holdsRenderedWords({ kind: 'empty', message: 'Nobody on the roster' })).toBe(true);
    expect(holdsRenderedWords({ kind: 'issues', issues: [{ cell: 'Targets!D4', message: '“abc” is text, not a number' }] })).toBe(true);
  });

  it('keeps what is rendered as it draws, and work under way', () => {
    expect(holdsRenderedWords(null)).toBe(false);
    expect(holdsRenderedWords({ kind: 'idle' })).toBe(false);
    expect(holdsRenderedWords({ kind: 'ok', say: () => 'x' })).toBe(false);
    expect(holdsRenderedWords({ kind: 'busy', work: 'save' })).toBe(false);
    expect(holdsRenderedWords({ kind: 'busy', label: 'Writing 10 of 20', message: 'x' })).toBe(false);
  });
});
