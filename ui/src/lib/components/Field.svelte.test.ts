import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import Field, { type FieldControlAttrs } from './Field.svelte';

// Spreads the attributes Field hands out onto a plain input, as a screen would.
const input = createRawSnippet((attrs: () => FieldControlAttrs) => ({
  render: () => '<input class="input" />',
  setup: (el) => {
    $effect(() => {
      for (const [name, value] of Object.entries(attrs())) {
        if (value === undefined) el.removeAttribute(name);
        else el.setAttribute(name, value);
      }
    });
  },
}));

describe('Field', () => {
  it('labels the control and describes it with the hint', () => {
    render(Field, { label: 'Amount', hint: 'Max 1.2 ETH', children: input });
    const control = screen.getByLabelText('Amount');
    expect(control.tagName).toBe('INPUT');
    expect(control.getAttribute('aria-invalid')).toBeNull();
    const describedBy = control.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('Max 1.2 ETH');
  });

  it('marks the control invalid and links the error', () => {
    render(Field, { label: 'Amount', hint: 'Max 1.2 ETH', error: 'ETH has 18 decimals; 0.1234 has 19.', children: input });
    const control = screen.getByLabelText('Amount');
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const texts = control
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['Max 1.2 ETH', 'ETH has 18 decimals; 0.1234 has 19.']);
  });

  it('gives each field its own id', () => {
    render(Field, { label: 'From', children: input });
    render(Field, { label: 'To', children: input });
    expect(screen.getByLabelText('From').id).not.toBe(screen.getByLabelText('To').id);
  });
});
