import { useEffect, useRef, type ReactNode } from 'react';
import { useSpendbar } from '../store';
import { Icon } from './Icon';

/**
 * A view other than the list: Back, a heading that takes focus when the view opens (so keyboard and
 * screen-reader users land at its start), and the content. Escape does what Back does (App.tsx).
 */
interface ViewFrameProps {
  title: string;
  icon?: ReactNode;
  children: ReactNode;
  testId: string;
  /** False when a control inside takes focus itself (the entry form's amount). */
  focusHeading?: boolean;
}

export function ViewFrame({ title, icon, children, testId, focusHeading = true }: ViewFrameProps) {
  const back = useSpendbar((state) => state.back);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  return (
    <section className="view" data-testid={testId} aria-labelledby={`${testId}-heading`}>
      <div className="view-top">
        <button type="button" className="button back-button" onClick={back}>
          <Icon name="back" size={14} />
          Back
        </button>
        <h1 id={`${testId}-heading`} className="view-title" tabIndex={-1} ref={heading}>
          {icon}
          {title}
        </h1>
      </div>
      {children}
    </section>
  );
}
