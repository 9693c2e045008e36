from celery import shared_task

from . import audit_chain, signin_audit


@shared_task
def prune_signin_events():
    """Daily: drop sign-in log rows past the retention (never younger than 180 days)."""
    return signin_audit.prune()


@shared_task
def verify_audit_chain():
    """Weekly: walk the audit hash chain; the result shows on the administrator's dashboard."""
    return audit_chain.verify_and_record().message
