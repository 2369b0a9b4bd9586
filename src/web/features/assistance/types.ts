/**
 * The shapes of social assistance's rolls, roll lines, standards and parameters, until their routes
 * declare their contract in src/shared like the rest of social assistance (src/shared/assistance/).
 */
