// Presentation mode for a meeting (issue #13, item 3): full screen, projector style,
// no editing chrome; chapter by chapter a map view with its figures beside it. Arrow
// keys, PageUp/PageDown (what a presenter clicker sends) and Space move between
// chapters, Home and End jump, Escape leaves. From the meeting's latest snapshot, with
// the polygons drawn as they were; live when nothing is frozen yet.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { call, http } from '../api/http.ts';
import { formatDate } from '../i18n/format.ts';
import { setLabelStyle } from '../map/labels.ts';
import { zetKaart, zetPeildatum } from '../map/peildatum.ts';
import { highlight } from '../monitor/highlight.ts';
import { idsVan } from './AdviesObjecten.tsx';
import { hoofdstukken } from './Hoofdstukken.tsx';
import { useVergaderingKaart, useVergelijking } from './queries.ts';
import { VergelijkingOverlay } from './overlay.ts';
import { tv } from './nl.ts';
import './presentatie.css';

const VOLGENDE = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const VORIGE = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/** The chapter bar's height in --p, a pixel at 1920×1080 (presentatie.css). */
const BALK_HOOGTE_P = 72;

/**
 * The width the figures have for a chart, and the presentation's scale (--p in px: 1 at
 * 1920×1080), measured from the laid-out panel and chapter bar, again when the screen
 * changes size: where the figures go and how large is the stylesheet's alone.
 */
function usePaneelMaat(paneel: RefObject<HTMLElement | null>, balk: RefObject<HTMLElement | null>) {
  const [maat, setMaat] = useState<{ buiten: number; inhoud: number; schaal: number } | null>(null);
  useLayoutEffect(() => {
    const p = paneel.current;
    const b = balk.current;
    if (!p || !b) return;
    const meet = () => {
      const stijl = getComputedStyle(p);
      const buiten = p.getBoundingClientRect().width;
      // clientWidth leaves out a scrollbar. For the same panel width the room only ever
      // shrinks: a scrollbar that a narrower chart makes unnecessary does not widen it again.
      const inhoud = Math.floor(p.clientWidth - parseFloat(stijl.paddingLeft) - parseFloat(stijl.paddingRight));
      const schaal = b.getBoundingClientRect().height / BALK_HOOGTE_P;
      setMaat((m) => {
        if (m && m.buiten === buiten && m.schaal === schaal) return inhoud < m.inhoud ? { ...m, inhoud } : m;
        return { buiten, inhoud, schaal };
      });
    };
    meet();
    const waarnemer = new ResizeObserver(meet);
    waarnemer.observe(p);
    waarnemer.observe(b);
    return () => waarnemer.disconnect();
  }, [paneel, balk]);
  return maat;
}

/**
 * How far the figures (from the right, or on a phone from below) and, from below, the
 * chapter bar and the banner naming the map's date reach into the map, in px: the region
 * is fitted clear of them.
 */
function vrijeKaart(map: MapLibreMap) {
  const kaart = map.getContainer().getBoundingClientRect();
  const paneel = document.querySelector('.presentatie-paneel')!.getBoundingClientRect();
  const nav = document.querySelector('.presentatie-nav')!.getBoundingClientRect();
  const banner = document.querySelector('.map-peildatum')?.getBoundingClientRect();
  const naast = paneel.left > kaart.left + 1;
  const onder = Math.min(nav.top, banner?.height ? banner.top : Infinity, naast ? Infinity : paneel.top);
  return { right: naast ? Math.max(0, Math.round(kaart.right - paneel.left)) : 0, bottom: Math.max(0, Math.round(kaart.bottom - onder)) };
}

export function Presentatie({ id, map, onExit }: { id: number; map: MapLibreMap | null; onExit: () => void }) {
  const detail = useQuery({ queryKey: ['vergadering', id], queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}', { params: { path: { id } }, signal })) });
  const snapshot = detail.data?.snapshot ?? null;
  const live = useQuery({
    queryKey: ['vergadering-live', id],
    queryFn: ({ signal }) => call(http.GET('/api/vergaderingen/{id}/live', { params: { path: { id } }, signal })),
    enabled: !!detail.data && !snapshot,
  });
  const kaart = useVergaderingKaart(id, snapshot);
  const vorige = detail.data?.vorige ?? null;
  const vergelijking = useVergelijking(id, vorige?.id, !!snapshot && !!vorige);

  const inhoud = snapshot?.inhoud ?? live.data?.inhoud ?? null;
  const klaar = !!inhoud && (!snapshot || !!kaart.data) && (!snapshot || !vorige || !!vergelijking.data);
  const paneel = useRef<HTMLElement>(null);
  const balk = useRef<HTMLElement>(null);
  const maat = usePaneelMaat(paneel, balk);
  const grafiekBreedte = maat?.inhoud;
  const schaal = maat?.schaal;
  const lijst = useMemo(
    () => (inhoud && klaar && grafiekBreedte ? hoofdstukken(inhoud, vergelijking.data ?? null, { grafiekBreedte, definities: false }) : []),
    [inhoud, klaar, vergelijking.data, grafiekBreedte],
  );
  const [nr, setNr] = useState(0);
  const ga = useCallback((n: number) => setNr((huidig) => Math.max(0, Math.min(lijst.length - 1, typeof n === 'number' ? n : huidig))), [lijst.length]);

  // The map's names at projector size while presenting. The panning limit goes: the
  // region is fitted beside the figures, with the map beyond it under them.
  useEffect(() => {
    if (!map || !schaal) return;
    setLabelStyle(map, 'projector', schaal);
    const limiet = map.getMaxBounds();
    map.setMaxBounds(null);
    return () => {
      setLabelStyle(map, 'scherm');
      map.setMaxBounds(limiet);
    };
  }, [map, schaal]);

  // Full screen where the browser allows it; leaving full screen leaves the presentation.
  useEffect(() => {
    document.body.classList.add('presenteren');
    const el = document.documentElement;
    let volledig = false;
    if (el.requestFullscreen && !document.fullscreenElement) {
      el.requestFullscreen().then(() => { volledig = true; }).catch(() => undefined);
    }
    const bijWissel = () => {
      if (volledig && !document.fullscreenElement) onExit();
    };
    document.addEventListener('fullscreenchange', bijWissel);
    return () => {
      document.removeEventListener('fullscreenchange', bijWissel);
      document.body.classList.remove('presenteren');
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onExit]);

  useEffect(() => {
    const toets = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (VOLGENDE.has(e.key)) setNr((n) => Math.min(lijst.length - 1, n + 1));
      else if (VORIGE.has(e.key)) setNr((n) => Math.max(0, n - 1));
      else if (e.key === 'Home') setNr(0);
      else if (e.key === 'End') setNr(lijst.length - 1);
      else if (e.key === 'Escape') onExit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', toets);
    return () => window.removeEventListener('keydown', toets);
  }, [lijst.length, onExit]);

  // The map draws the snapshot's polygons as they were; back to today afterwards.
  useEffect(() => {
    if (!snapshot || !kaart.data) return;
    zetPeildatum(snapshot.peildatum);
    const k = kaart.data;
    zetKaart({ peildatum: snapshot.peildatum, kavels: k.kavels, transformaties: k.transformaties, compensaties: k.compensaties } as unknown as Parameters<typeof zetKaart>[0]);
    return () => zetPeildatum(null);
  }, [snapshot, kaart.data]);

  // The map follows the chapter: the region, or the changed polygons before and after.
  const overlay = useMemo(() => (map ? new VergelijkingOverlay(map) : null), [map]);
  useEffect(() => () => overlay?.wis(), [overlay]);
  // Fitted into what the figures, the date banner and the chapter bar leave free, again
  // when the screen changes size (the browser going full screen on the beamer).
  const hoofdstuk = lijst[nr];
  useEffect(() => {
    if (!map || !hoofdstuk || !inhoud) return;
    const pas = () => {
      const vrij = vrijeKaart(map);
      if (hoofdstuk.kaart === 'vergelijking' && vergelijking.data) {
        overlay?.toon(vergelijking.data, { top: 40, bottom: vrij.bottom + 28, left: 40, right: vrij.right + 24 });
        return;
      }
      overlay?.wis();
      map.fitBounds(inhoud.kaartbereik as unknown as LngLatBoundsLike, { padding: { top: 30, bottom: vrij.bottom + 12, left: 30, right: vrij.right + 24 }, duration: 0 });
    };
    map.resize();
    pas();
    map.on('resize', pas);
    // The date banner comes with the snapshot's polygons, a moment after the chapter.
    const banner = new MutationObserver(pas);
    const kaartView = map.getContainer().parentElement;
    if (kaartView) banner.observe(kaartView, { childList: true });
    return () => {
      map.off('resize', pas);
      banner.disconnect();
    };
  }, [map, hoofdstuk, inhoud, overlay, vergelijking.data]);

  // Signaleringen en adviezen: the records the adviezen concern are marked on the map (in
  // the region view beside the figures; on the snapshot's polygons where it shows them).
  const adviezen = inhoud?.adviezen;
  const signaleringen = hoofdstuk?.code === 'signaleringen';
  useEffect(() => {
    if (!map || !signaleringen || !adviezen) return;
    highlight(map, {}, idsVan(adviezen.flatMap((a) => a.objecten)), false);
    return () => {
      highlight(map, {}, {}, false);
    };
  }, [map, signaleringen, adviezen]);

  // Where the chapter list is wider than its bar (a tablet, a phone), the current chapter stays in view.
  const hoofdstukLijst = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const ol = hoofdstukLijst.current;
    const knop = ol?.children[nr] as HTMLElement | undefined;
    if (!ol || !knop) return;
    const links = knop.offsetLeft - ol.offsetLeft;
    if (links < ol.scrollLeft) ol.scrollLeft = links;
    else if (links + knop.offsetWidth > ol.scrollLeft + ol.clientWidth) ol.scrollLeft = links + knop.offsetWidth - ol.clientWidth;
  }, [nr, lijst.length]);

  const fout = detail.error ?? live.error ?? kaart.error ?? vergelijking.error;
  return (
    <div className="presentatie" data-testid="presentatie" data-hoofdstuk={hoofdstuk?.code ?? ''} aria-live="polite" data-map-view-owner>
      <section ref={paneel} className="presentatie-paneel" data-map-occluder aria-label={hoofdstuk?.titel ?? tv.laden}>
        {!hoofdstuk ? (
          <p role={fout ? 'alert' : undefined}>{fout ? fout.message : tv.laden}</p>
        ) : (
          <>
            <header className="presentatie-kop">
              <p className="presentatie-vergadering">
                {detail.data?.titel} · {snapshot ? `peildatum ${formatDate(snapshot.peildatum)}` : `live, ${formatDate(live.data?.peildatum)}`}
              </p>
              <h2 data-testid="presentatie-titel">{hoofdstuk.titel}</h2>
            </header>
            <div className="presentatie-inhoud">{hoofdstuk.inhoud}</div>
          </>
        )}
      </section>
      <nav ref={balk} className="presentatie-nav" aria-label="Hoofdstukken">
        <button type="button" onClick={() => ga(nr - 1)} disabled={nr === 0} aria-label="Vorig hoofdstuk">‹</button>
        <ol ref={hoofdstukLijst}>
          {lijst.map((h, i) => (
            <li key={h.code}>
              <button type="button" className={i === nr ? 'actief' : undefined} aria-current={i === nr ? 'step' : undefined} onClick={() => ga(i)}>{h.titel}</button>
            </li>
          ))}
        </ol>
        <span className="presentatie-teller" data-testid="presentatie-teller">{lijst.length ? `${nr + 1} / ${lijst.length}` : ''}</span>
        <button type="button" onClick={() => ga(nr + 1)} disabled={nr >= lijst.length - 1} aria-label="Volgend hoofdstuk">›</button>
        <button type="button" className="presentatie-sluit" onClick={onExit} data-testid="presentatie-sluit"><span className="presentatie-esc">Esc · </span>Sluiten</button>
      </nav>
    </div>
  );
}
