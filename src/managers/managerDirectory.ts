import type { TenantSettingsSource } from '../tenants/tenantSettings';

/** A council's team managers: who may send refresher nudges and see team confidence figures. */
export interface ManagerDirectory {
  isManager(tenantId: string, aadObjectId: string): Promise<boolean>;
}

/**
 * Managers as listed in each council's tenant settings (`managers`: Entra object ids, set with the
 * admin tool). Ids are compared without regard to case, as Entra treats them.
 */
export class TenantSettingsManagerDirectory implements ManagerDirectory {
  constructor(private readonly settings: TenantSettingsSource) {}

  async isManager(tenantId: string, aadObjectId: string): Promise<boolean> {
    const managers = (await this.settings.settingsFor(tenantId))?.managers ?? [];
    const id = aadObjectId.toLowerCase();
    return managers.some((m) => m === id);
  }
}
