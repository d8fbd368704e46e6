/** Marks each row's Edit button so focus can return to it when the edit panel closes. */
export const EDIT_BUTTON_ATTRIBUTE = 'data-edit-user';

export function focusEditButton(userId: string): void {
  document.querySelector<HTMLButtonElement>(`[${EDIT_BUTTON_ATTRIBUTE}="${CSS.escape(userId)}"]`)?.focus();
}
