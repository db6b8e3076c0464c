import { Show } from "solid-js";
import { scopeKind } from "../../../../worker/domain/policy";
import { SelectField } from "../../../components/field";
import type { FieldProblem } from "../../../lib/api";
import { tr } from "../../../lib/roles-i18n";
import { ROLES, type Role } from "../../../lib/types";
import { tm } from "../organisation-i18n";
import { ScopePicker } from "./scope-picker";

interface RoleScopeFieldsProps {
  role: Role;
  regionIds: readonly string[];
  branchIds: readonly string[];
  onRole: (role: Role) => void;
  onRegions: (ids: string[]) => void;
  onBranches: (ids: string[]) => void;
  errorFor: (field: string) => FieldProblem | undefined;
  disabled?: boolean;
  hint?: string | undefined;
}

/** A role, and the regions or branches it covers when the role is scoped. */
export function RoleScopeFields(props: RoleScopeFieldsProps) {
  return (
    <>
      <SelectField
        name="role"
        label={tm("users.role")}
        value={props.role}
        options={ROLES.map((r) => ({ value: r, label: tr(r) }))}
        onChange={(v) => props.onRole(v as Role)}
        error={props.errorFor("role")}
        hint={props.hint ?? tm(`roleHints.${props.role}`)}
        disabled={props.disabled}
        required
      />
      <Show when={scopeKind(props.role) === "regions"}>
        <ScopePicker
          kind="regions"
          selected={props.regionIds}
          onChange={props.onRegions}
          error={props.errorFor("regionIds")}
        />
      </Show>
      <Show when={scopeKind(props.role) === "branches"}>
        <ScopePicker
          kind="branches"
          selected={props.branchIds}
          onChange={props.onBranches}
          error={props.errorFor("branchIds")}
        />
      </Show>
    </>
  );
}

/** The scope lists to send for a role: only the kind the role uses. */
export function scopeFor(role: Role, regionIds: readonly string[], branchIds: readonly string[]) {
  return {
    regionIds: scopeKind(role) === "regions" ? [...regionIds] : [],
    branchIds: scopeKind(role) === "branches" ? [...branchIds] : [],
  };
}
