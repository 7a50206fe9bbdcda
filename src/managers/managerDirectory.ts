import type { TenantSettingsSource } from '../tenants/tenantSettings';

/** Who is a team manager (sees team figures, sends nudges). */
export interface ManagerDirectory {
  isManager(tenantId: string, aadObjectId: string): Promise<boolean>;
}

/**
 * Managers named in the council's settings (`managers`: Entra object ids). A stand-in kept minimal
 * until the nudges feature's directory is merged with it.
 */
export class SettingsManagerDirectory implements ManagerDirectory {
  constructor(private readonly settings: TenantSettingsSource) {}

  async isManager(tenantId: string, aadObjectId: string): Promise<boolean> {
    const managers = (await this.settings.settingsFor(tenantId))?.managers ?? [];
    return managers.includes(aadObjectId.toLowerCase());
  }
}
