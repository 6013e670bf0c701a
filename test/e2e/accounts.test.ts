// Issue 16 in the browser: the beheerder creates a werkgroep account and a regisseur
// account in the beheer screen and copies each one-time link; each new person opens
// the link in a browser of their own, sets a password and signs in, the regisseur after
// enrolling two-factor sign-in with the QR code's secret. The accounts are made by this
// test (unique e-mail addresses), so it depends on no other test.
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appSession, SCREENSHOTS } from './session.ts';
import { totpCode } from '../../server/auth/totp.ts';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts') ?? [];
const beheerder = accounts.find((a) => a.rol === 'beheerder');
const run = Date.now().toString(36);
const WACHTWOORD = 'fiets-langs-de-oude-rijn';

describe.skipIf(!baseUrl || !beheerder)('accounts in the app', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  appSession(() => beheerder, async (session) => {
    ({ browser, page, errors } = session);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  });

  /** Creates an account in the beheer screen and returns the one-time link, as copied to the clipboard. */
  async function createAccount(naam: string, email: string, rol: string, gemeente?: string): Promise<string> {
    if (!(await page.getByTestId('beheer').isVisible())) await page.getByTestId('beheer-knop').click();
    await page.getByTestId('nieuw-account-knop').click();
    const form = page.getByTestId('nieuw-account');
    await form.getByLabel('E-mailadres').fill(email);
    await form.getByLabel('Naam').fill(naam);
    await form.getByLabel('Rol').selectOption(rol);
    if (gemeente) await form.getByLabel('Gemeente').selectOption(gemeente);
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    const result = page.getByTestId('link-resultaat').first();
    await result.waitFor();
    expect(await result.innerText()).toContain(`Account voor ${naam} aangemaakt`);
    await result.getByTestId('link-kopieer').click();
    await expect.poll(() => result.getByTestId('link-kopieer').innerText()).toBe('Gekopieerd');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await result.getByTestId('link-url').inputValue());
    expect(link).toMatch(new RegExp(`^${baseUrl}/wachtwoord-instellen#[A-Za-z0-9_-]{43}$`));
    return link;
  }

  /** The new person: a browser of their own, the link, a password, then the sign-in form. */
  async function setPasswordThroughLink(link: string, email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'nl-NL' });
    const person = await context.newPage();
    await person.goto(link);
    const form = person.getByTestId('wachtwoord-instellen');
    await form.getByLabel('Nieuw wachtwoord').waitFor();
    expect(await form.innerText()).toContain(email);
    // The token left the address bar once read.
    expect(person.url()).toBe(`${baseUrl}/wachtwoord-instellen`);
    await form.getByLabel('Nieuw wachtwoord').fill('welkom012345');
    await form.getByLabel('Herhaal het wachtwoord').fill('welkom012345');
    await form.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => form.getByTestId('login-melding').innerText()).toMatch(/voorspelbaar/);
    await form.getByLabel('Nieuw wachtwoord').fill(WACHTWOORD);
    await form.getByLabel('Herhaal het wachtwoord').fill(WACHTWOORD);
    await form.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await form.getByTestId('link-klaar').waitFor();
    await form.getByRole('button', { name: 'Naar inloggen' }).click();
    const login = person.getByTestId('login-form');
    await login.waitFor();
    expect(person.url()).toBe(`${baseUrl}/`);
    expect(await login.getByLabel('E-mailadres').inputValue()).toBe(email);
    await login.getByLabel('Wachtwoord').fill(WACHTWOORD);
    await login.getByRole('button', { name: 'Inloggen' }).click();
    return person;
  }

  const mapReady = (p: Page) => p.waitForFunction(() => document.body.dataset.mapReady === 'true', undefined, { timeout: 90_000 });

  it('a werkgroep member gets an account from the beheerder, sets a password through the link and signs in', async () => {
    const email = `anna.${run}@leiden.nl`;
    const link = await createAccount('Anna de Vries', email, 'werkgroep', 'Leiden');
    await page.screenshot({ path: `${SCREENSHOTS}/accounts-01-link.png` });
    const row = page.getByTestId(`account-${email}`);
    expect(await row.innerText()).toMatch(/Nog geen wachtwoord/);

    const anna = await setPasswordThroughLink(link, email);
    await mapReady(anna);
    expect(await anna.getByTestId('account').innerText()).toMatch(/Anna de Vries[\s\S]*Werkgroep · Leiden/);
    // The link works once: opened again it says so.
    await anna.goto(link);
    await expect.poll(() => anna.getByTestId('link-fout').innerText()).toMatch(/al gebruikt/);
    await anna.context().close();

    // The beheerder sees the sign-in and the history.
    await page.getByTestId('beheer-knop').click(); // close
    await page.getByTestId('beheer-knop').click(); // and open again: fresh list
    await expect.poll(() => page.getByTestId(`account-${email}`).innerText()).toMatch(/Actief/);
    await page.getByTestId(`account-${email}`).click();
    const history = page.getByTestId('account-geschiedenis');
    await expect.poll(() => history.innerText()).toMatch(/Ingelogd met wachtwoord/);
    expect(await history.innerText()).toMatch(/Account aangemaakt als werkgroep \(Leiden\)/);
  });

  it('a new regisseur enrols two-factor sign-in before anything else, and then signs in with a code', async () => {
    const email = `riet.${run}@economie071.nl`;
    const link = await createAccount('Riet Regisseur', email, 'regisseur');
    const riet = await setPasswordThroughLink(link, email);

    // Enrolment is required: no map, no company data before it.
    const step = riet.getByTestId('inschrijf-stap');
    await step.waitFor();
    expect(await step.innerText()).toMatch(/Als regisseur werkt u met vertrouwelijke bedrijfsgegevens/);
    expect(await riet.evaluate(() => window.__map)).toBeUndefined();
    const refused = await riet.evaluate(async () => (await fetch('/api/ruimtevragen')).status);
    expect(refused).toBe(401);

    await step.getByRole('button', { name: 'Instellen' }).click();
    const secret = (await riet.getByTestId('totp-geheim').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await riet.getByRole('img', { name: 'QR-code voor de authenticator-app' }).isVisible()).toBe(true);
    await riet.screenshot({ path: `${SCREENSHOTS}/accounts-02-qr.png` });
    await step.getByTestId('code-veld').fill(totpCode(secret));
    await step.getByRole('button', { name: 'Bevestigen' }).click();
    const codes = riet.getByTestId('herstelcodes');
    await codes.waitFor();
    const herstelcodes = (await codes.locator('li').allInnerTexts()).map((c) => c.trim());
    expect(herstelcodes).toHaveLength(10);
    const verder = codes.getByRole('button', { name: 'Verder' });
    expect(await verder.isDisabled()).toBe(true); // only once the person says they are saved
    await codes.getByLabel('Ik heb de herstelcodes bewaard').check();
    await verder.click();
    await mapReady(riet);
    expect(await riet.getByTestId('ruimtevragen-knop').isVisible()).toBe(true);
    const now = await riet.evaluate(async () => (await fetch('/api/ruimtevragen')).status);
    expect(now).toBe(200);

    // Signing in again asks for the code; a recovery code works too.
    await riet.getByRole('button', { name: 'Uitloggen' }).click();
    const login = riet.getByTestId('login-form');
    await login.getByLabel('E-mailadres').fill(email);
    await login.getByLabel('Wachtwoord').fill(WACHTWOORD);
    await login.getByRole('button', { name: 'Inloggen' }).click();
    const codeForm = riet.getByTestId('code-form');
    await codeForm.waitFor();
    await codeForm.getByLabel('Code').fill(herstelcodes[0]);
    await codeForm.getByRole('button', { name: 'Bevestigen' }).click();
    await mapReady(riet);
    await riet.context().close();

    // In the beheer screen the regisseur now has its second factor.
    await page.getByTestId('beheer-knop').click();
    await page.getByTestId('beheer-knop').click();
    await page.getByTestId(`account-${email}`).click();
    await expect.poll(() => page.getByTestId('account-geschiedenis').innerText()).toMatch(/Tweestapsverificatie ingesteld/);
    expect(await page.getByTestId('account-geschiedenis').innerText()).toMatch(/Herstelcode gebruikt \(nog 9 over\)/);
    await page.screenshot({ path: `${SCREENSHOTS}/accounts-03-geschiedenis.png` });
  });

  it('logged no errors in the beheerder\'s browser', () => {
    expect(errors).toEqual([]);
  });
});
