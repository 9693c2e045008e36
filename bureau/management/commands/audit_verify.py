from django.core.management.base import BaseCommand, CommandError

from bureau.security import audit_chain


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain; report the first event changed, removed or reordered."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="do not keep the result for the administrator's dashboard",
        )

    def handle(self, *args, no_record=False, **options):
        result = audit_chain.verify() if no_record else audit_chain.verify_and_record()
        if not result.ok:
            raise CommandError(result.message)
        self.stdout.write(result.message)
