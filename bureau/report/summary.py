"""The drafted work summary: paragraphs in the style of a bureau's yearly summary, generated from
the same facts as the tables, for a clerk to copy and edit."""


def _n(facts, key):
    return facts.get(key, 0) or 0


def draft_summary(year, county, facts):
    paragraphs = []
    first = (
        f"{year}年，全{county[-1] if county else '县'}共有律师事务所{_n(facts, 'firms_total')}家、"
        f"执业律师{_n(facts, 'lawyers_total')}名，其中本年新设律师事务所{_n(facts, 'firms_new')}家、"
        f"新执业律师{_n(facts, 'lawyers_new')}名；{_n(facts, 'rated_firms')}家律师事务所为有效期内的规范化律师事务所。"
    )
    if "cases_total" in facts:
        first += (
            f"全{county[-1] if county else '县'}律师事务所代理刑事、民事、行政等各类案件{_n(facts, 'cases_total')}件，"
            f"办理法律援助案件{_n(facts, 'legal_aid_cases')}件，提供法律帮助{_n(facts, 'legal_help')}人次，"
            f"参与信访接待{_n(facts, 'petition_duty')}人次，担任法律顾问{_n(facts, 'adviser_engagements')}家，"
            f"调解纠纷{_n(facts, 'mediation_taken')}件，报备重大敏感案件{_n(facts, 'sensitive_filings')}件，"
            f"为{_n(facts, 'health_checks')}家民营企业开展“法治体检”。"
        )
    paragraphs.append(first)
    second = (
        f"全年组织律师继续教育培训{_n(facts, 'training_sessions')}场、参训{_n(facts, 'training_attendances')}人次；"
        f"年度检查考核{_n(facts, 'firms_assessed')}家律师事务所，合格{_n(facts, 'firms_passed')}家"
    )
    second += f"，{_n(facts, 'training_short')}名律师继续教育学时未达到要求，已督促补足。"
    paragraphs.append(second)
    if "branches_total" in facts:
        paragraphs.append(
            f"坚持“管行业必须管党建”，全行业共有党支部{_n(facts, 'branches_total')}个、党员{_n(facts, 'party_members')}名（其中正式党员{_n(facts, 'members_full')}名），"
            f"本年发展预备党员{_n(facts, 'new_probationary')}名，召开“三会一课”{_n(facts, 'meetings_total')}次，"
            f"尚有{_n(facts, 'open_findings')}项党建规则检查问题待整改。"
        )
    if "inspections_total" in facts:
        paragraphs.append(
            f"开展“双随机、一公开”抽查{_n(facts, 'draws_total')}批次，检查律师事务所{_n(facts, 'inspections_total')}家次，"
            f"对{_n(facts, 'rectifications_ordered')}家次责令限期整改，已完成整改{_n(facts, 'rectifications_completed')}家次，"
            f"检查结果按期公开{_n(facts, 'published_on_time')}家次。"
        )
    return "\n\n".join(paragraphs)
