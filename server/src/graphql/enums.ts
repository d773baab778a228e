import * as E from '@hss/schema';
import { registerEnumType } from 'type-graphql';
import { OrderDirection } from '../common/pagination.js';

/** Every enum of the contract, registered once under its own name. */
const ENUMS: Record<string, object> = {
  AgentStatus: E.AgentStatus,
  AgentOfflineReason: E.AgentOfflineReason,
  ProtectionStatus: E.ProtectionStatus,
  DetectionResult: E.DetectionResult,
  EditionCode: E.EditionCode,
  Feature: E.Feature,
  BillingMode: E.BillingMode,
  QuotaStatus: E.QuotaStatus,
  OsType: E.OsType,
  Architecture: E.Architecture,
  Hosting: E.Hosting,
  Severity: E.Severity,
  FindingType: E.FindingType,
  FindingStatus: E.FindingStatus,
  AlarmType: E.AlarmType,
  AlarmStatus: E.AlarmStatus,
  AlarmAction: E.AlarmAction,
  FindingAction: E.FindingAction,
  ScanStatus: E.ScanStatus,
  ScanTrigger: E.ScanTrigger,
  UserRole: E.UserRole,
  OrderDirection,
};

for (const [name, enumObject] of Object.entries(ENUMS)) registerEnumType(enumObject, { name });
