// The server's draft check of the closed polygon (overlap rules, region, gemeente),
// debounced; again when a judged property changes. Nothing is saved.
import { useEffect, useRef, useState } from 'react';
import { checkDraft, type DraftCheck } from '../../api/edits.ts';
import type { EditableLayer } from '../../api/layers.ts';
import type { Editor } from '../useEditor.ts';
import type { FormValues } from '../fields.ts';
import { ruleProperties } from './draft-properties.ts';

const DEBOUNCE_MS = 400;

export function useDraftCheck(editor: Editor, layer: EditableLayer, id?: number, values?: FormValues | null, before?: FormValues | null): DraftCheck | null {
  const [check, setCheck] = useState<DraftCheck | null>(null);
  const polygon = editor.draw.tool === 'select' ? editor.draw.polygon : null;
  const refused = !!editor.state.refusal;
  const properties = ruleProperties(layer, values ?? null, before);
  // The check runs again only when the shape or a judged property really changed:
  // these keys stand for them (the objects themselves are new on every render).
  const key = polygon ? JSON.stringify(polygon.coordinates) : '';
  const propsKey = JSON.stringify(properties ?? null);
  const latest = useRef({ polygon, properties });
  useEffect(() => {
    latest.current = { polygon, properties };
  });
  const active = !!key && !refused;
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const { polygon: shape, properties: judged } = latest.current;
      if (!shape) return;
      checkDraft(layer, shape, id, judged, controller.signal)
        .then((result) => !controller.signal.aborted && setCheck(result))
        .catch(() => !controller.signal.aborted && setCheck(null));
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, key, propsKey, layer, id]);
  // No shape (or a refused one): no findings, whatever the last check said.
  return active ? check : null;
}
