// What the server's draft check judges besides the shape.
import type { DraftProperties } from '../../api/edits.ts';
import type { EditableLayer } from '../../api/layers.ts';
import { isRealDate } from '../../../server/domain/dates.ts';
import type { FormValues } from '../fields.ts';

/**
 * A transformatie's dates (R-T1: vaststelling, else terinzagelegging), a gemeente the user
 * picked (not the one the record already had), a kavel's terrein; undefined when none.
 */
export function ruleProperties(layer: EditableLayer, values: FormValues | null, before?: FormValues | null): DraftProperties | undefined {
  if (!values) return undefined;
  const out: DraftProperties = {};
  if (values.gemeente_id && values.gemeente_id !== before?.gemeente_id) out.gemeente_id = Number(values.gemeente_id);
  // A kavel lies within its terrein, in the werkgroep's own gemeente: judged while drawing too.
  if (layer === 'kavels' && values.terrein_id) out.terrein_id = Number(values.terrein_id);
  if (layer === 'transformaties') {
    const date = (v: unknown) => (typeof v === 'string' && isRealDate(v) ? v : null);
    out.datum_vaststelling = date(values.datum_vaststelling);
    out.datum_terinzagelegging = date(values.datum_terinzagelegging);
  }
  return Object.keys(out).length ? out : undefined;
}
