// A one-time link as the beheerder receives it: to copy and pass on (and whether it was mailed).
import { useState } from 'react';
import { tAccounts, formatTijdstip } from '../i18n/nl-accounts.ts';
import type { EenmaligeLink } from './api.ts';

const tl = tAccounts.beheer.link;

export function LinkResult({ link, email, title }: { link: EenmaligeLink; email: string; title?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="link-result" role="status" data-testid="link-resultaat">
      {title && <p className="link-result-title">{title}</p>}
      <p>{tl.doorgeven}</p>
      <div className="link-copy">
        <input className="link-url" readOnly value={link.url} aria-label={tl.label} data-testid="link-url"
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="secondary-button" onClick={copy} data-testid="link-kopieer">
          {copied ? tl.gekopieerd : tl.kopieer}
        </button>
      </div>
      <p className="link-meta">
        {tl.geldigTot(formatTijdstip(link.verloopt_op))}
        {link.gemaild ? ` ${tl.gemaild(email)}` : ''}
      </p>
      {link.mail_fout && <p className="form-error">{link.mail_fout}</p>}
    </div>
  );
}
