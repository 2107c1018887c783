"""Facts across articles: who is who (speakers) and which quotes are the same statement."""
