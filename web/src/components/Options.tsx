// The options of a select whose values are fixed by the UI (periods, statuses, article kinds):
// each value named by `label`, after an empty choice when `empty` names one.
interface OptionsProps {
  values: readonly string[];
  label: (value: string) => string;
  empty?: string;
}

export function Options({ values, label, empty }: OptionsProps) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}
