"""cxqa: customer-service quality assurance and service measurement."""

__version__ = "0.1.0"
__all__ = ["__version__"]
