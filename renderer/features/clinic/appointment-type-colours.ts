import type { AppointmentColour } from '../../../common/domain/scheduling';

/** "Blue" for blue: the colour's name is always written next to its swatch, never the colour alone. */
export function colourLabel(colour: AppointmentColour): string {
  return colour.charAt(0).toUpperCase() + colour.slice(1);
}
