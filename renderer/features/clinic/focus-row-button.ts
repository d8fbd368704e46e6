/** Marks each row's Edit button so focus can return to it when its form closes. */
export const EDIT_ROW_ATTRIBUTE = 'data-edit-row';

export function focusEditButton(id: string): void {
  document.querySelector<HTMLButtonElement>(`[${EDIT_ROW_ATTRIBUTE}="${CSS.escape(id)}"]`)?.focus();
}
