// The accounts the integration suite signs in with, one per role (two werkgroep gemeenten).
import type { NewAccount } from '../../server/accounts/service.ts';

export const TEST_PASSWORD = 'test-wachtwoord-071';
/** TOTP secret of the test accounts whose role needs a second factor (beheerder, regisseur). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const TEST_ACCOUNTS = [
  { key: 'beheerder', email: 'beheerder@test.nl', naam: 'Test Beheerder', rol: 'beheerder' },
  { key: 'regisseur', email: 'regisseur@test.nl', naam: 'Test Regisseur', rol: 'regisseur' },
  { key: 'werkgroep_leiden', email: 'wg.leiden@test.nl', naam: 'Test Werkgroep Leiden', rol: 'werkgroep', gemeente: 'Leiden' },
  { key: 'werkgroep_katwijk', email: 'wg.katwijk@test.nl', naam: 'Test Werkgroep Katwijk', rol: 'werkgroep', gemeente: 'Katwijk' },
  { key: 'stuurgroep', email: 'stuurgroep@test.nl', naam: 'Test Stuurgroep', rol: 'stuurgroep' },
] as const satisfies readonly (Omit<NewAccount, 'wachtwoord'> & { key: string })[];

export type TestRole = (typeof TEST_ACCOUNTS)[number]['key'];
