/**
 * What the Teams channel needs to know: the config's `teams` (src/config.ts builds it from the
 * environment; this folder never reads the environment itself).
 */
export interface TeamsChannelConfig {
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  local: boolean;
  dslUsers: readonly string[];
  dslChannel?: string;
  /** Only activities from these tenants are served (empty: any; MicrosoftAppTenantId narrows it further). */
  allowedTenants?: readonly string[];
  /** Tests only: where the Bot Framework's OpenID metadata is read from (never set from the environment). */
  openIdMetadataUrl?: string;
}
