"""Pages of inspections, one module a concern: inspections (the list, one inspection and its
checklist), notices (检查通知书 and 责令限期整改通知书, responses, verification), plans (plans,
draws, registers, checklists, publication), visits (走访) and public (双随机一公开)."""
