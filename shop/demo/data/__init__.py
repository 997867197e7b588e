"""Hand-written demo content (Thai, English, Chinese). Plain data only: the
seeding modules in shop/demo/ decide how it is stored."""
