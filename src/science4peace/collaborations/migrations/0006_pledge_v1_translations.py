"""Translations of the first civil-use pledge into Russian, Ukrainian and Arabic, for reading.
The English text of version 1 stays as it was: it is the one that binds."""

from django.db import migrations

RU = """\
Я буду использовать данные, программы и знания коллабораций на этой платформе только для
гражданских фундаментальных исследований.

Согласно статье II Конвенции о создании Европейской организации по ядерным исследованиям
(ЦЕРН, 1953), эти исследования «не должны быть связаны с работами для военных нужд», а их
экспериментальные и теоретические результаты должны публиковаться или иным образом
становиться общедоступными.

Я не буду передавать эти ресурсы никому для военных целей и буду указывать коллаборации и
финансирующие организации, чья работа сделала мои исследования возможными."""

UK = """\
Я використовуватиму дані, програми та знання колаборацій на цій платформі лише для цивільних
фундаментальних досліджень.

Відповідно до статті II Конвенції про створення Європейської організації ядерних досліджень
(ЦЕРН, 1953), ці дослідження «не мають стосуватися робіт для військових потреб», а їхні
експериментальні й теоретичні результати мають публікуватися або іншим чином ставати
загальнодоступними.

Я не передаватиму ці ресурси нікому для військових цілей і зазначатиму колаборації та
фінансові організації, чия праця зробила мої дослідження можливими."""

AR = """\
سأستخدم بيانات التعاونات العلمية على هذه المنصة وبرمجياتها ومعارفها للبحث العلمي الأساسي
المدني فقط.

وفقًا للمادة الثانية من اتفاقية إنشاء المنظمة الأوروبية للأبحاث النووية (سيرن، 1953)، فإن
هذا البحث «لا يكون له أي صلة بالعمل لأغراض عسكرية»، وتُنشر نتائجه التجريبية والنظرية أو
تُتاح للعموم بطريقة أخرى.

لن أنقل هذه الموارد إلى أي أحد لأغراض عسكرية، وسأذكر التعاونات العلمية وجهات التمويل التي
جعل عملها بحثي ممكنًا."""

TRANSLATIONS = {"ru": RU, "uk": UK, "ar": AR}


def translate(apps, schema_editor):
    Pledge = apps.get_model("collaborations", "Pledge")
    for pledge in Pledge.objects.filter(version=1):
        pledge.translations = {**TRANSLATIONS, **pledge.translations}
        pledge.save(update_fields=["translations"])


def untranslate(apps, schema_editor):
    Pledge = apps.get_model("collaborations", "Pledge")
    for pledge in Pledge.objects.filter(version=1):
        kept = {k: v for k, v in pledge.translations.items() if TRANSLATIONS.get(k) != v}
        pledge.translations = kept
        pledge.save(update_fields=["translations"])


class Migration(migrations.Migration):
    dependencies = [("collaborations", "0005_join_requests_and_pledge_translations")]

    operations = [migrations.RunPython(translate, untranslate)]
