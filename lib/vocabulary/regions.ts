/**
 * Sinch's Calling API regions. The configuration validates SINCH_REGION against
 * this list; the Sinch client (lib/sinch) maps a region to its base URL.
 */
export const REGIONS = ["global", "use1", "euc1", "sae1", "apse1", "apse2"] as const;
export type Region = (typeof REGIONS)[number];
