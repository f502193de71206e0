"""Imports every domain's models so that Base.metadata describes the whole store."""

from cxqa.conversations import models as conversations_models
from cxqa.customers import models as customers_models
from cxqa.ingest import models as ingest_models
from cxqa.kpis import models as kpis_models
from cxqa.org import models as org_models
from cxqa.store.base import Base

metadata = Base.metadata
__all__ = [
    "conversations_models",
    "customers_models",
    "ingest_models",
    "kpis_models",
    "metadata",
    "org_models",
]
