import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: string;
  /** Why the value is refused (typed-in check or the engine's message); shown right under the control. */
  error?: string | null;
  /** Help that stays visible (what to enter, where to find it). */
  hint?: ReactNode;
  className?: string;
  testId?: string;
  children: (props: ControlProps) => ReactNode;
}

/** A labelled control with its help and its error tied to it for screen readers. */
export function Field({ label, error, hint, className, testId, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid={testId ? `error-${testId}` : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Whether the engine's error field (e.g. "amount", "thresholds.lowBalance") belongs to this control. */
export function isFieldError(errorField: string | undefined, name: string): boolean {
  return errorField !== undefined && (errorField === name || errorField.split('.').includes(name));
}
