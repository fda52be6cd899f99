/** Bad input from the user (CLI flag, form field): a message to show and the field at fault. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
