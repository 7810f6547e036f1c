// Layout changes that leave every member's type alone: only offsets, sizes
// and alignments move (what a diff that skips unchanged exports by their
// fingerprints must still see).
struct header {
	char tag;
	int length; // want: breaking field-offset-changed header.length
	short flags; // want: breaking field-offset-changed header.flags
// old
};
// new
} __attribute__((packed)); // want: breaking type-size-changed header
// want: breaking type-alignment-changed header
// both

struct frame {
	struct header head;
	char payload[8]; // want: breaking field-offset-changed frame.payload
}; // want: breaking type-size-changed frame
// want: breaking type-alignment-changed frame

int frame_length(const struct frame *f) { return f->head.length; }
// want: breaking param-passing-changed header_flags
int header_flags(struct header h) { return h.flags; }
