// Map labels as HTML markers instead of MapLibre symbol layers: the basemap
// style has no glyphs URL and the server serves no fonts, so text layers would
// not render. HTML labels use the page's system font, stay sharp on a
// projector, and a small collision pass keeps them from overlapping.
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';

export { labelPoint } from './label-point.ts';

export interface LabelItem {
  key: string;
  text: string;
  lngLat: [number, number];
  /** Higher wins when labels collide. */
  priority: number;
}

interface LabelGroupOptions {
  className: string;
  minzoom: number;
  maxzoom: number;
}

interface PlacedLabel {
  item: LabelItem;
  marker: Marker;
  element: HTMLElement;
  size?: { w: number; h: number };
}

class LabelGroup {
  readonly labels: PlacedLabel[] = [];
  visible = true;

  constructor(private readonly options: LabelGroupOptions) {}

  inZoomRange(zoom: number): boolean {
    return this.visible && zoom >= this.options.minzoom && zoom < this.options.maxzoom;
  }

  set(map: MapLibreMap, items: LabelItem[]): void {
    this.clear();
    for (const item of items) {
      const element = document.createElement('div');
      element.className = `map-label ${this.options.className}`;
      element.textContent = item.text;
      element.dataset.labelKey = item.key;
      // Labels never catch the mouse: clicks and hover go to the features below.
      const marker = new Marker({ element, anchor: 'center' }).setLngLat(item.lngLat).addTo(map);
      element.style.pointerEvents = 'none';
      this.labels.push({ item, marker, element });
    }
  }

  clear(): void {
    for (const l of this.labels) l.marker.remove();
    this.labels.length = 0;
  }
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export class LabelOverlay {
  private readonly groups = new Map<string, LabelGroup>();
  private frame = 0;

  constructor(private readonly map: MapLibreMap) {
    map.on('moveend', this.schedule);
    map.on('resize', this.schedule);
  }

  define(name: string, options: LabelGroupOptions): void {
    this.groups.set(name, new LabelGroup(options));
  }

  setItems(name: string, items: LabelItem[]): void {
    this.groups.get(name)?.set(this.map, items);
    this.schedule();
  }

  setVisible(name: string, visible: boolean): void {
    const group = this.groups.get(name);
    if (group && group.visible !== visible) {
      group.visible = visible;
      this.schedule();
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('moveend', this.schedule);
    this.map.off('resize', this.schedule);
    for (const g of this.groups.values()) g.clear();
  }

  private readonly schedule = () => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.place());
  };

  /** Re-runs placement, e.g. after a panel that covers the map opened or closed. */
  refresh(): void {
    this.schedule();
  }

  /**
   * Screen boxes covered by UI on top of the map (elements marked
   * data-map-occluder), in map-container pixels: no label is placed under them.
   */
  private occluders(): Box[] {
    const origin = this.map.getContainer().getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-map-occluder]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { x0: r.left - origin.left, y0: r.top - origin.top, x1: r.right - origin.left, y1: r.bottom - origin.top };
    });
  }

  /** Shows labels in priority order, skipping any that would overlap one already shown. */
  private place(): void {
    const zoom = this.map.getZoom();
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    const candidates: PlacedLabel[] = [];
    for (const group of this.groups.values()) {
      const active = group.inZoomRange(zoom);
      for (const label of group.labels) {
        if (active) candidates.push(label);
        else label.element.classList.add('map-label--hidden');
      }
    }
    candidates.sort((a, b) => b.item.priority - a.item.priority);
    const taken: Box[] = this.occluders();
    const margin = 4;
    for (const label of candidates) {
      if (!label.size) {
        label.element.classList.remove('map-label--hidden');
        label.size = { w: label.element.offsetWidth, h: label.element.offsetHeight };
      }
      const p = this.map.project(label.item.lngLat);
      const { w, h } = label.size;
      const box = { x0: p.x - w / 2 - margin, y0: p.y - h / 2 - margin, x1: p.x + w / 2 + margin, y1: p.y + h / 2 + margin };
      // Only whole labels: a name cut off at the edge of the map reads as a different name.
      const onScreen = box.x0 >= 0 && box.y0 >= 0 && box.x1 <= width && box.y1 <= height;
      const free = onScreen && !taken.some((t) => overlaps(box, t));
      label.element.classList.toggle('map-label--hidden', !free);
      if (free) taken.push(box);
    }
  }
}
