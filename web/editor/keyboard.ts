// The editor's keyboard: Escape cancels the session, Ctrl+Z / Ctrl+Shift+Z (and
// Ctrl+Y) undo and redo, except inside form fields, where the browser's own text
// undo applies. (Enter closes a polygon: terra-draw's own key, see drawing.ts.)
import { useEffect, useRef } from 'react';

export type Shortcut = 'annuleren' | 'ongedaan' | 'opnieuw';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The tag of the element the key went to (INPUT, TEXTAREA, …). */
  targetTag?: string;
}

export function shortcutOf(e: KeyPress): Shortcut | null {
  if (e.key === 'Escape') return 'annuleren';
  const inField = !!e.targetTag && /^(INPUT|TEXTAREA|SELECT)$/.test(e.targetTag);
  if (inField || !(e.ctrlKey || e.metaKey)) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'opnieuw' : 'ongedaan';
  if (key === 'y') return 'opnieuw';
  return null;
}

/** Listens while `active`; each shortcut calls its handler (the latest one given). */
export function useEditorKeyboard(active: boolean, handlers: Record<Shortcut, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const shortcut = shortcutOf({
        key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, targetTag: (e.target as HTMLElement | null)?.tagName,
      });
      if (!shortcut) return;
      e.preventDefault();
      latest.current[shortcut]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
