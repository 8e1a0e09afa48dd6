"""The ledger's tables (SQLAlchemy 2 declarative)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    pass


class Plan(Base):
    """One region's entry: its versions share the region (or, when no region is found, the file name)."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_key: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
    versions: Mapped[list["Version"]] = relationship(back_populates="plan", order_by="Version.number")
    decisions: Mapped[list["Decision"]] = relationship(back_populates="plan")


class Version(Base):
    """One uploaded file: queued, then audited (done) or failed with a reason."""

    __tablename__ = "versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int | None] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(500))  # shown, never used as a path
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(default=now)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued, done, failed
    reason: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    doc_number: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[str] = mapped_column(String(50), default="")
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    # Large: loaded only when asked for (the ledger page reads many versions).
    audit_json: Mapped[str] = mapped_column(Text, default="", deferred=True)
    result_pickle: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # the AuditResult for reports
    finding_keys: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, for the review status
    tool_version: Mapped[str] = mapped_column(String(50), default="")
    plan: Mapped[Plan | None] = relationship(back_populates="versions")


class Decision(Base):
    """The reviewer's word on one finding of a plan (any version): keyed by the finding's stable key."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("plan_id", "finding_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    finding_key: Mapped[str] = mapped_column(String(200))
    verdict: Mapped[str] = mapped_column(String(20))  # confirmed, false_positive, pending
    note: Mapped[str] = mapped_column(Text, default="")
    version_number: Mapped[int] = mapped_column(Integer)  # the version it was made on
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
    plan: Mapped[Plan] = relationship(back_populates="decisions")
