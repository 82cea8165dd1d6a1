//! The TypeScript shapes of every object the functions take and return
//! (added to the generated `ramp.d.ts`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An Error thrown by ramp-js: `code` is Alibaba Cloud's or Ramp's error code. */
export interface RampError extends Error { code: string; }

export interface SignInput {
  scheme?: "V1" | "V3"; method?: "GET" | "POST"; host: string; action: string; version: string;
  params?: Record<string, string>; accessKeyId: string; accessKeySecret: string; securityToken?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` */ timestamp: string; nonce: string;
}
export interface SignOutput {
  method: string; url: string; headers: Record<string, string>; body: string;
  canonical: string; stringToSign: string; signature: string;
}
export interface ReceivedRequest { method: string; path?: string; query?: string; headers?: Record<string, string>; body?: string; }
export interface Verified { scheme: "V1" | "V3"; accessKeyId: string; securityToken: boolean; }
export interface VectorMismatch { name: string; field: string; expected: string; actual: string; }

export type PolicyKind = "trust" | "permission" | "auto";
export interface LintOptions { kind?: PolicyKind; lang?: "en" | "zh"; }
export interface Finding {
  code: string; tier: "error" | "security" | "warning" | "suggestion";
  line: number; column: number; offset: number; path: string; message: string; fix: string;
}
export interface SimulateRequest {
  caller: string; action: string; resource?: string; resourceGroup?: string;
  context?: Record<string, string>; kind?: PolicyKind; lang?: "en" | "zh";
}
export interface Simulated {
  decision: "Allow" | "ExplicitDeny" | "ImplicitDeny" | "Unknown";
  layer: string | null; matched: string[]; missing: string[];
  ifAbsent: "Allow" | "ExplicitDeny" | "ImplicitDeny" | null; reason: string; assumed: string[];
}
export type Trustee =
  | { type: "account"; accountId: string }
  | { type: "user"; accountId: string; name: string }
  | { type: "role"; accountId: string; name: string }
  | { type: "service"; name: string };
export interface TrustInput { trustees: Trustee[]; externalId?: string; requireMfa?: boolean; sourceIps?: string[]; }
export type Preset = "arms-read-only" | "arms-full" | "assume-one-role" | "arms-apps" | "read-trace-app";
export interface PresetInput {
  accountId?: string; roleName?: string; region?: string; traceApps?: string[]; rumApps?: string[];
  edit?: boolean; delete?: boolean;
}
/** An intent, as in Ramp's intent files (kebab-case keys). */
export type Intent = { flow: "teammate-access" | "team-group" | "share-with-account" | "verify-access" | "remove-access" | "rotate-key" | "change-trust" | "change-policy"; [key: string]: unknown };
export interface PlanStep {
  id: number; account: string; service: string; action: string; params: [string, string][];
  summary: string; [key: string]: unknown;
}
export interface Plan {
  intent: Intent; steps: PlanStep[];
  documents: { name: string; kind: string; text: string }[];
  findings: { subject: string; code: string; tier: string; message: string; fix: string; "message-zh": string; "fix-zh": string }[];
  /** What a change means: access before and after, who gains and who loses, what cannot be undone. */
  notes?: { kind: "access" | "gain" | "loss" | "warning" | "irreversible" | "info"; en: string; zh: string }[];
}
/** A policy version as `ListPolicyVersions` answers it. */
export interface PolicyVersion { VersionId: string; IsDefaultVersion: boolean; PolicyDocument?: string; CreateDate?: string; }
/** Two policies compared by meaning (`comparePolicies`). */
export interface Comparison {
  kind: "trust" | "permission"; grantsNewAccess: boolean; sameAccess: boolean; verdict: string;
  changes: { direction: "new-access" | "lost-access"; certain: boolean; message: string }[];
}
export type ExportFormat = "cli" | "terraform" | "ros" | "json" | "profile";
/** An account as `ramp audit --save` writes it (kebab-case keys). */
export type AccountSnapshot = { id: string; [key: string]: unknown };
export interface AccessPath { via: string | null; policy: string; "policy-type": "System" | "Custom"; version: string; statement: number; effect: "Allow" | "Deny"; "resource-group": string | null; }
export interface PrincipalAccess {
  principal: { type: "user" | "group" | "role"; name: string }; arn: string; arms: "full" | "read-only" | "partial" | "none";
  scopes: { "resource-group": string | null; level: string; paths: AccessPath[]; "denied-by": AccessPath[]; conditional: string[] }[];
  assumers?: { type: string; [key: string]: unknown }[];
}
export interface AuditFinding { code: string; tier: string; subject: string; message: string; fix: string; "message-zh": string; "fix-zh": string; }
export interface Audited { model: { account: string; principals: PrincipalAccess[] }; findings: AuditFinding[]; json: string; csv: string; }
export interface Able { principal: { type: string; name: string }; arn: string; decision: "Allow" | "Unknown"; paths: AccessPath[]; assumers?: unknown[]; }
"#;
