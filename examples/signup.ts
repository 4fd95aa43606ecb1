// Sign-up form handler. Identifiers such as firstName or customerEmail are not personal data;
// the literals and comments below are what pii-lint looks at.

interface SignupForm {
  firstName: string;
  lastName: string;
  customerEmail: string;
  phoneNumber: string;
}

export function validate(form: SignupForm): string[] {
  const errors: string[] = [];
  if (!form.customerEmail.includes('@')) errors.push('Please enter a valid email address.');
  if (form.firstName.trim() === '') errors.push('First name is required.');
  return errors;
}

// TODO(remove before release): debugging with a real customer record, reported by Priya Raman
const debugUser: SignupForm = {
  firstName: 'Jonathan',
  lastName: 'Whitaker',
  customerEmail: 'jon.whitaker@fabrikam.com',
  phoneNumber: '+44 20 7946 0958',
};

export const DEMO = validate(debugUser);
