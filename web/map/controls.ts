// A map button that returns to the whole area (useful after zooming in on a projector).
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import type { Gebied } from './region.ts';
import { fitRegion } from './region-view.ts';

export class RegionControl implements IControl {
  private container?: HTMLElement;

  constructor(private readonly label: string, private readonly gebied: Gebied) {}

  onAdd(map: MapLibreMap): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'region-control';
    button.title = this.label;
    button.setAttribute('aria-label', this.label);
    button.innerHTML =
      '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>';
    button.addEventListener('click', () => fitRegion(map, this.gebied, { animate: true }));
    container.appendChild(button);
    this.container = container;
    return container;
  }

  onRemove(): void {
    this.container?.remove();
  }
}
