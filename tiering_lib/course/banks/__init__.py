"""Exercise banks: one module per part of the course, registering each exercise's checker."""
