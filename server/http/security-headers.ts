// Security headers for every answer (Hono's secureHeaders): a Content-Security-Policy
// that allows this app's own scripts, MapLibre's worker (bundled by Vite, same origin)
// and the configured basemap, and nothing else; no framing; nosniff; a referrer policy.
import { secureHeaders } from 'hono/secure-headers';

/** The origin of an absolute http(s) basemap style URL; null for one on this server (/basemap/style.json). */
export function basemapOrigin(styleUrl: string | undefined): string | null {
  if (!styleUrl || !/^https?:\/\//i.test(styleUrl)) return null;
  try {
    return new URL(styleUrl).origin;
  } catch {
    return null;
  }
}

export function securityHeaders(basemapStyleUrl?: string) {
  const basemap = basemapOrigin(basemapStyleUrl);
  const extern = basemap ? [basemap] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // MapLibre starts its worker from the bundle's own URL (web/map/runtime.ts).
      workerSrc: ["'self'"],
      // Style sheets of the bundle; no inline <style> or style attributes in markup.
      styleSrc: ["'self'"],
      // The basemap style, its tiles, glyphs and sprites are fetched; sprites and the favicon are images.
      connectSrc: ["'self'", ...extern],
      imgSrc: ["'self'", 'data:', 'blob:', ...extern],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // Behind plain HTTP a browser ignores it; behind HTTPS it keeps the session on HTTPS.
    strictTransportSecurity: 'max-age=31536000',
  });
}
