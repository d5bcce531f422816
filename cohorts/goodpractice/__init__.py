"""Good practice shared by the public: the "Share good practice" form, the
submission it makes (an unpublished page in the moderation workflow), and the
emails to the person who shared it."""
