"""The customer 360 record: identities on every channel, attributes and orders."""
