# Depends on the oldest migrations that create the tables it points to, so
# other apps' later migrations never have to run first.

import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogue', '0037_commission_rates'),
        ('inventory', '0006_receipt_signoff_counter_sale'),
        ('order', '0021_billingaddress_code_shippingaddress_code'),
        ('payment', '0005_auto_20200801_0817'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportExport',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_key', models.CharField(max_length=16, verbose_name='period')),
                ('language', models.CharField(default='th', max_length=8, verbose_name='language')),
                ('format', models.CharField(choices=[('xlsx', 'XLSX'), ('pdf', 'PDF')], max_length=8, verbose_name='format')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=16, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('error', models.CharField(blank=True, max_length=500, verbose_name='error')),
                ('file', models.FileField(blank=True, upload_to='reports/exports/%Y/%m/', verbose_name='file')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'report export',
                'verbose_name_plural': 'report exports',
                'ordering': ['-created_at', '-id'],
                'permissions': [('view_office_report', 'Can view the office report and its exports')],
            },
        ),
        migrations.CreateModel(
            name='SettlementStatement',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('period_end', models.DateField(verbose_name='period end')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('approved', 'Approved'), ('paid', 'Paid')], default='draft', max_length=16, verbose_name='status')),
                ('units_sold', models.IntegerField(default=0, verbose_name='units sold')),
                ('gross', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=14, verbose_name='gross sales')),
                ('commission', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=14, verbose_name='center commission')),
                ('refunds', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=14, verbose_name='refunds and returns')),
                ('net_payable', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=14, verbose_name='net payable')),
                ('generated_at', models.DateTimeField(blank=True, null=True, verbose_name='generated')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved')),
                ('paid_reference', models.CharField(blank=True, max_length=64, verbose_name='transfer reference')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('paid_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='paid by')),
                ('producer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='settlement_statements', to='catalogue.producer', verbose_name='producer')),
            ],
            options={
                'verbose_name': 'settlement statement',
                'verbose_name_plural': 'settlement statements',
                'ordering': ['-period_start', 'producer_id'],
                'permissions': [('manage_settlements', 'Can generate, approve and pay settlement statements')],
            },
        ),
        migrations.CreateModel(
            name='SettlementLine',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('order_line', 'Online sale'), ('counter_sale', 'Counter sale'), ('refund', 'Refund or return')], max_length=16, verbose_name='kind')),
                ('description', models.CharField(max_length=255, verbose_name='description')),
                ('reference', models.CharField(max_length=64, verbose_name='reference')),
                ('occurred_at', models.DateTimeField(verbose_name='date')),
                ('quantity', models.IntegerField(verbose_name='units')),
                ('gross', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='gross')),
                ('commission_rate', models.DecimalField(decimal_places=4, max_digits=5, verbose_name='commission rate')),
                ('commission', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='commission')),
                ('net', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='net payable')),
                ('counter_sale', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.countersale', verbose_name='counter sale')),
                ('order_line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='order.line', verbose_name='order line')),
                ('product', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalogue.product', verbose_name='product')),
                ('refund_transaction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='payment.transaction', verbose_name='refund')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='otop_reports.settlementstatement', verbose_name='statement')),
            ],
            options={
                'verbose_name': 'settlement line',
                'verbose_name_plural': 'settlement lines',
                'ordering': ['occurred_at', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='settlementstatement',
            constraint=models.UniqueConstraint(fields=('producer', 'period_start'), name='settlement_one_per_producer_period'),
        ),
        migrations.AddConstraint(
            model_name='settlementstatement',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='settlement_period_order'),
        ),
        migrations.AddConstraint(
            model_name='settlementline',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'order_line')), fields=('order_line',), name='settlement_order_line_once'),
        ),
        migrations.AddConstraint(
            model_name='settlementline',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'refund')), fields=('refund_transaction', 'order_line'), name='settlement_refund_once_per_line'),
        ),
        migrations.AddConstraint(
            model_name='settlementline',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'counter_sale')), fields=('counter_sale', 'product'), name='settlement_counter_sale_once'),
        ),
    ]
