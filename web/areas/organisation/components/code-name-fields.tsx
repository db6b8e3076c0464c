import { TextField } from "../../../components/field";
import type { FieldProblem } from "../../../lib/api";

export interface CodeNameValues {
  code: string;
  nameEn: string;
  nameZh: string;
}

/**
 * The code and the two names (English, Chinese) that regions and branches both carry,
 * with the server's field errors under each.
 */
export function CodeNameFields(props: {
  values: CodeNameValues;
  onInput: (field: keyof CodeNameValues, value: string) => void;
  errorFor: (field: string) => FieldProblem | undefined;
  labels: { code: string; codeHint: string; nameEn: string; nameZh: string };
  nameMaxLength: number;
}) {
  return (
    <>
      <TextField
        name="code"
        label={props.labels.code}
        hint={props.labels.codeHint}
        value={props.values.code}
        onInput={(v) => props.onInput("code", v)}
        error={props.errorFor("code")}
        autocapitalize="characters"
        spellcheck={false}
        maxLength={20}
        required
      />
      <TextField
        name="nameEn"
        label={props.labels.nameEn}
        value={props.values.nameEn}
        onInput={(v) => props.onInput("nameEn", v)}
        error={props.errorFor("nameEn")}
        maxLength={props.nameMaxLength}
        required
      />
      <TextField
        name="nameZh"
        label={props.labels.nameZh}
        value={props.values.nameZh}
        onInput={(v) => props.onInput("nameZh", v)}
        error={props.errorFor("nameZh")}
        maxLength={props.nameMaxLength}
        required
      />
    </>
  );
}
