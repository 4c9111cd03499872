"""Reading and writing item files: GIFT and Moodle XML."""
