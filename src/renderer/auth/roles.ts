import type { AccountRole } from '../../core/reading/model';

/** Roles as a radiologist names them. */
export const roleNames: Record<AccountRole, string> = {
  'site-radiologist': 'Site radiologist',
  'bicr-reader': 'BICR reader',
  adjudicator: 'Adjudicator',
  admin: 'Administrator',
};
