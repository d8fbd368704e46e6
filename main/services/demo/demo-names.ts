// Invented names from many languages, accents included, so search and display are exercised.
export const GIVEN_NAMES_FEMALE = [
  'Amelia', 'Sofía', 'Chloé', 'Mei', 'Aisha', 'Olga', 'Ingrid', 'Priya', 'Fatima', 'Zoë',
  'Hannah', 'Lucía', 'Yuki', 'Nora', 'Émilie', 'Grace', 'Anaïs', 'Maren', 'Leila', 'Beatriz',
] as const;
export const GIVEN_NAMES_MALE = [
  'Liam', 'José', 'François', 'Wei', 'Omar', 'Lars', 'Rahul', 'Mateo', 'Kenji', 'Noah',
  'Björn', 'Ethan', 'Andrés', 'Tomás', 'Jonas', 'Samuel', 'Kwame', 'Luca', 'Arjun', 'Hugo',
] as const;
export const FAMILY_NAMES = [
  'García', 'Müller', 'Nguyen', 'Okafor', 'Smith', 'Johansson', 'Kowalski', 'Rossi', 'Tanaka', 'Dubois',
  'Haddad', 'Patel', 'O’Brien', 'Fernández', 'Novak', 'Andersen', 'Silva', 'Kim', 'Brown', 'Schröder',
  'Mensah', 'Ivanova', 'Costa', 'Lefèvre', 'Yilmaz', 'Murphy', 'Santos', 'Larsen', 'Chen', 'Walker',
] as const;
export const STREETS = ['Maple Street', 'Harbour Road', 'Station Lane', 'Elm Avenue', 'Mill Road', 'Church Street'] as const;
export const CITIES = ['Riverside', 'Lakeview', 'Northfield', 'Eastbrook'] as const;
export const SPECIALTIES = ['Family medicine', 'Internal medicine', 'Pediatrics', 'Cardiology'] as const;
