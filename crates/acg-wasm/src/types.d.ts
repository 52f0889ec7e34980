/** A plan: galleries with their image definitions and versions (REST API 2025-03-03 properties). */
export interface Plan { schemaVersion?: number; name?: string; apiVersion?: string; subscriptionId?: string; resourceGroup?: string; galleries: Gallery[]; prices?: PlanPrices; replicaPolicy?: { policy: "bestPractices" | "scaling" | "2019"; marginPercent: number }; billing?: { cadencePerMonth: number; retention: number; fullVersions: number; months: number }; templateParameters?: Record<string, unknown>; [extra: string]: unknown }
export interface PlanPrices { currency?: string; snapshots?: PlanPrice[]; transferPairs?: PlanPrice[]; transferOut?: PlanPrice[]; imports?: string[] }
export interface PlanPrice { key: string; amount: string; asOf: string; source: string; estimated?: boolean }
export interface DisplayAmount { amount: string; places: number }
export interface Gallery { name: string; location: string; description?: string; tags?: Record<string, string>; images?: ImageDefinition[]; unknown?: Unknowns; [property: string]: unknown }
export interface ImageDefinition { name: string; osType?: "Windows" | "Linux"; osState?: "Generalized" | "Specialized"; identifier?: { publisher: string; offer: string; sku: string }; versions?: ImageVersion[]; unknown?: Unknowns; [property: string]: unknown }
export interface TargetRegion { name: string; regionalReplicaCount?: number; storageAccountType?: string; excludeFromLatest?: boolean; [property: string]: unknown }
export interface ImageVersion { name: string; location?: string; publishingProfile?: { targetRegions?: TargetRegion[]; replicaCount?: number; excludeFromLatest?: boolean; [property: string]: unknown }; occupiedGb?: { osDisk: number; dataDisks?: { lun: number; gb: number }[] }; unknown?: Unknowns; [property: string]: unknown }
export interface Issue { path: string; code: string; severity: "error" | "warning" | "info"; message: string; mitigation?: string; azureMessage?: string }
export interface Report { issues: Issue[] }
export interface NameIssue { code: string; severity: "error" | "warning" | "info"; message: string; azureMessage: string | null; mitigation: string }
export interface ParsedVersion { name: string; major: number; minor: number; patch: number }
export interface VersionVerdict { name: string; candidate: boolean; status: string; reason: string; reincluded: boolean; pastEndOfLife: boolean }
export interface Resolution { gallery: string; definition: string; region: string; latest: string | null; message: string | null; azureMessage: string | null; versions: VersionVerdict[]; contrasts: { mistake: string; picks: string | null; explanation: string }[]; note: string | null }
export interface MatrixCell { galleryIndex: number; definitionIndex: number; gallery: string; definition: string; region: string; latest: string | null; azureMessage: string | null }
export interface Load { concurrentVms?: number; scaleSets?: { instances: number; count?: number }[]; production?: boolean; marginPercent?: number }
export interface Recommendation { recommended: number; uncapped: number; split?: { parts: number; advice: string; source: { document: string; quote: string } }; policy: "bestPractices" | "scaling" | "2019"; terms: string[]; sources: { document: string; quote: string }[]; warnings: string[] }
export interface Line { version: string; region: string; category: "storage" | "egress"; quantity: number; unit: string; unitPrice: string; amount: string; formula: string; estimated: boolean; note: string }
export interface Estimate { currency: string; storageGbMonths: number; storageMonthly: string; egressGb: number; egressOneTime: string; estimated: boolean; lines: Line[]; byRegion: { key: string; storageMonthly: string; egressOneTime: string }[]; byVersion: { key: string; storageMonthly: string; egressOneTime: string }[]; notes: string[]; priceOrigin: string }
export interface PriceBook { currency: string; origin: string; snapshots: Record<string, { amount: string; asOf: string; source: string; estimated: boolean }>; transferPairs: Record<string, unknown>; transferOut: Record<string, unknown> }
export interface RetailImport { prices: PriceBook; report: { currency: string; taken: string[]; ignored: string[]; replaced: boolean } }
export interface Region { name: string; displayName: string; geography: string; continent: string; pairedRegion: string | null; availabilityZones: boolean; accessRestricted: boolean; source: string }
export interface Imported { plan: Plan; format: "plan" | "restBody" | "restList" | "arm" | "restExample"; notes: string[]; summary: ImportSummary }
export interface ImportSummary { galleries: number; definitions: number; versions: number; existing: number; placeholders: number; expressions: string[]; unsupportedFunctions?: string[] }
export interface Unknowns { reference?: "existing" | "placeholder"; values?: Record<string, string>; reported?: boolean }
export interface ExportOptions { apiVersion?: string }
export interface VersionSketch { name: string; regions?: string; excludeFromLatest?: boolean; excludedIn?: string; endOfLifeDate?: string | null; publishedDate?: string | null }
export interface Explanation { errors: PastedError[]; matches: ExplainMatch[] }
export interface PastedError { code?: string; message: string; target?: string; matched: boolean }
export interface ExplainMatch { error: number; azureMessage: string; score: number; section: "gallery" | "definition" | "version" | "deployment" | "disk"; sectionTitle: string; guideUrl: string; message: string; cause: string; fix: string; values: Record<string, string>; rules: string[]; resources: ExplainResource[] }
export interface ExplainResource { path: string; label: string; named: boolean; issues: Issue[] }
/** The address of a resource, written as the report's path: "galleries[0]", "galleries[0].images[1]", "galleries[0].images[1].versions[2]", "galleries[0].images[1].versions[2].publishingProfile.targetRegions[3]". */
export type At = string;
/** A typed field of a resource that forms edit as text. */
export type Field = "name" | "location" | "description" | "osType" | "osState" | "hyperVGeneration" | "publisher" | "offer" | "sku" | "production" | "securityType" | "endOfLifeDate" | "targetRegions" | "replicaCount" | "excludeFromLatest" | "storageAccountType" | "replicationMode" | "occupiedOsGb" | "sourceId" | { feature: string };
/** A resource with what it holds, the payload of insert and restore. */
export type Resource = { gallery: Gallery } | { definition: ImageDefinition } | { version: ImageVersion } | { targetRegion: TargetRegion };
/** A latest-view edit, addressed by names. */
export type LatestEdit = { setGlobalExclude: { gallery: string; definition: string; version: string; exclude: boolean | null } } | { setRegionalExclude: { gallery: string; definition: string; version: string; region: string; exclude: boolean | null } } | { removeRegion: { gallery: string; definition: string; version: string; region: string } } | { publishVersion: { gallery: string; definition: string; version: ImageVersion } };
/** Every change applyEdit (and the app) makes to a plan: its name holds its fields. */
export type Change = "addGallery" | { addDefinition: { gallery: At } } | { addVersion: { definition: At } } | { duplicate: { at: At } } | { delete: { at: At } } | { deleteTree: { at: At } } | { remove: { at: At } } | { insert: { at: At; resource: Resource } } | { restore: { at: At; resource: Resource; children: boolean } } | { setField: { at: At; field: Field; text: string } } | { setProperty: { at: At; pointer: string; reads: "text" | "bool" | "integer" | "json"; text: string } } | { setTargetRegions: { version: At; regions: TargetRegion[] } } | { addTargetRegion: { version: At; region: string } } | { setTargetRegion: { at: At; region: TargetRegion } } | { latest: { edit: LatestEdit } } | { applyReplicas: { version: At; counts: [string, number][] } } | { setDemand: { definition: At; demand: { region: string; concurrentVms: number; scaleSets?: { instances: number; count: number }[] } } } | { removeDemand: { definition: At; region: string } } | { setPolicy: { policy: "bestPractices" | "scaling" | "2019" } } | { setMargin: { percent: number } } | { setBilling: { settings: { cadencePerMonth: number; retention: number; fullVersions: number; months: number } | null } } | { importPrices: { json: string } } | { overridePrice: { region: string; tier: "Standard HDD" | "Standard SSD" | "Premium SSD"; redundancy: "LRS" | "ZRS"; amount: string } } | { overrideTransfer: { key: string; amount: string } } | { setPrices: { prices: PlanPrices } } | { setName: { name: string } } | { replacePlan: { plan: Plan } } | { mergePlan: { plan: Plan } };
/** What a change changed. */
export type Changed = { kind: "nothing" } | { kind: "resource"; at: At } | { kind: "children"; at: At | null } | { kind: "settings" } | { kind: "document" };
export interface Applied { changed: Changed; select: At | null; notes: string[]; undo: Change }
export interface Edited { plan: Plan; applied: Applied }
