// The editor's shortcuts (web/editor/keyboard.ts).
import { describe, expect, it } from 'vitest';
import { shortcutOf } from '../../web/editor/keyboard.ts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}, targetTag = 'CANVAS') =>
  shortcutOf({ key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, targetTag });

describe('editor keyboard', () => {
  it('cancels with Escape, also from a form field', () => {
    expect(press('Escape')).toBe('annuleren');
    expect(press('Escape', {}, 'INPUT')).toBe('annuleren');
  });

  it('undoes with Ctrl+Z or Cmd+Z and redoes with Ctrl+Shift+Z or Ctrl+Y', () => {
    expect(press('z', { ctrl: true })).toBe('ongedaan');
    expect(press('z', { meta: true })).toBe('ongedaan');
    expect(press('Z', { ctrl: true, shift: true })).toBe('opnieuw');
    expect(press('y', { ctrl: true })).toBe('opnieuw');
  });

  it('leaves text undo to the browser inside form fields, and plain keys alone', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(press('z', { ctrl: true }, tag)).toBeNull();
    expect(press('z')).toBeNull();
    expect(press('Enter')).toBeNull();
    expect(press('a', { ctrl: true })).toBeNull();
  });
});
