// C enums: enumerators added, removed, renumbered, renamed.
enum color {
	RED,
	GREEN,
// old
	BLUE,
	CYAN,
	MAGENTA = 10,
// new
	AZURE, // want: compatible variant-renamed color::AZURE
	MAGENTA = 11, // want: breaking enum-discriminant-changed color::MAGENTA
	YELLOW = 12, // want: possibly-breaking variant-added color::YELLOW
// both
}; // want: breaking variant-removed color::CYAN

enum level {
// old
	LOW = 1,
// new
	LOW = -1, // want: possibly-breaking enum-underlying-type-changed level
	// want: breaking enum-discriminant-changed level::LOW
// both
	HIGH = 2,
};

int paint(enum color c, enum level l) { return (int)c + (int)l; }
